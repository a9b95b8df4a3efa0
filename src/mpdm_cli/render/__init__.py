"""Documents from the acts: which to produce, and each in every output format (``formats/``)."""
