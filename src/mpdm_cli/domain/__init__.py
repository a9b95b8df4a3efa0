"""What the acts mean, computed once: terms and amounts, consolidation, French wording."""
