"""The counselor's screens: course home, reader, practice, quizzes, progress, certificate."""
