"""ui/common"""
