"""The GUI's facade over the core, one mixin an area; composed in desktop.workspace."""
