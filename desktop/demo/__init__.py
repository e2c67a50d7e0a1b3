"""desktop/demo"""
