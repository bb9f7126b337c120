"""The supervisor's screens: completion grid, learner record, exports."""
