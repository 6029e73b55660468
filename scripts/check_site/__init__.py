"""Web-quality checks for sites built by sitegen: see scripts/check-site."""
