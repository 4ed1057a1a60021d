"""What the coach can do (cases, sessions, plans, settings, data): the only layer faces call."""
