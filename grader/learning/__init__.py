"""The learner's side: progress kept across sessions, spaced repetition, what to practise."""
