"""ui/review"""
