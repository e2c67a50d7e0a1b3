"""desktop/bench"""
