"""Quizzes: question types, the quiz loader, grading and attempts."""
