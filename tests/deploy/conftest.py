"""Tests of the deployment: production settings, `check_production`, several app servers."""
