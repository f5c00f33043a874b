"""Helpers of the structure stage: what a line of an essay is, and how lines become blocks.

``text`` holds the punctuation tests every rule shares, ``bylines`` reads author lines,
``notes`` pulls author notes, source notes, credits and dates out of the body,
``blocks`` turns body lines into headings, paragraphs, quotes and asides, and
``titles`` derives a title for an essay the source printed without one.
"""
