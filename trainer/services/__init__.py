"""Use cases the UI and the CLI share; the only place that combines content, quiz and store."""
