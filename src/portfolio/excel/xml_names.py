"""How the raw-byte scans spell an element's name.

XML lets a namespace prefix hold any letter (`<é:c>`); python-calamine and expat read the
element by its local name whatever the prefix. An ASCII-only pattern ([\\w.-]+:) did not
see such a tag at all, and one file so got past the scan's counts.
"""

PREFIXED = rb"[^\s<>/!?:=]+:"  # a prefix and its colon: anything that cannot end a name
PREFIX = rb"(?:" + PREFIXED + rb")?"  # an element name's optional prefix
