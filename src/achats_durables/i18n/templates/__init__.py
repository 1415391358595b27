"""Message templates by domain, each ``code: (French, English)``; merged by :mod:`..messages`."""
