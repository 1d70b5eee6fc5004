"""Small modal questions: confirm, pick, ask, choose a student, where to save a letter."""
