"""desktop/directory"""
