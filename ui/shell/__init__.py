"""ui/shell"""
