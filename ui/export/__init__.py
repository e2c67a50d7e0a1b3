"""ui/export"""
