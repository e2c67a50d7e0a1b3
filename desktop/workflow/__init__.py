"""desktop/workflow"""
