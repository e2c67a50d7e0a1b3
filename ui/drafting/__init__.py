"""ui/drafting"""
