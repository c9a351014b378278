"""The Telegram side of Borderline: python-telegram-bot handlers over the shared answering engine."""
