"""All SQL text the tool writes is produced in this package."""
