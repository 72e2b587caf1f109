"""The ground layer: settings, errors, shared data models and Japanese text rules; imports nothing above it."""
