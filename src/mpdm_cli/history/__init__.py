"""The acts through their git history: reading a revision and comparing two versions."""
