"""Ukrainian language services: spelling, typography, style, inflection and dates."""
