"""newslint's built-in rules. Each module is a rule family, registered in setup.cfg under the
`newslint.rules` entry-point group exactly as a third-party plugin would register its own."""
