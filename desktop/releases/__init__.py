"""desktop/releases"""
