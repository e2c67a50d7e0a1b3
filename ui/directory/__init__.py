"""ui/directory"""
