"""Ukrainian language services: spelling, typography, style, sensitive information, inflection and dates."""
