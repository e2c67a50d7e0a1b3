"""ui/proofing"""
