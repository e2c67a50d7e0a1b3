"""Ukrainian proofing: spelling, typography, style and sensitive information; pure core, no Qt."""
