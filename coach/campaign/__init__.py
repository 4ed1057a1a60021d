"""The NVR campaign over weeks: the incident diary, weekly check-ins and what they show.

Everything here is pure: records in, figures, words and chart shapes out. The store keeps the
records, the use-case layer fetches them, and the exporters and the app draw what this
package computes, so a number shown in the app, the report and the JSON is computed once.
"""
