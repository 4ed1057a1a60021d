"""The two YAML formats (structure and content), their loading and their cross-checks."""
