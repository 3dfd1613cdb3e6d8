"""Lay a page with a page reference out once when the number it prints is already known.

A reference such as "(page 34)" or a contents line is CSS ``target-counter(..., page)``.
WeasyPrint lays such a page out, and only then fills in the numbers of the targets it has met
so far, and lays the page out again. It also lays out again every page that refers to a target
whenever the target's page is laid out again, even when the target's number has not changed
(its counters include the total of pages, which is only known after the first pass). In a
book with many cross-references this is most of the layout work done twice.

Four changes here remove layouts that cannot change a number, and keep every other one. The
first two correct WeasyPrint (70.0), whose two slips cancel out at a cost:

- **a reference is filed under its target.** A target named by ``attr()`` (``target-counter(
  attr(href url), page)``) is filed under no name at all, so when the target is placed no
  reference hears of it; here it is filed under the anchor the attribute names, as WeasyPrint
  does when it looks the target up.
- **a reference is not taken for a counter of its own page.** While building the content of
  ``target-counter()``, WeasyPrint reuses the name of the list of the box's own missing
  counters for the target's list, so every reference is recorded as printing the ``page``
  counter of the page it is on. That is what still brought references by ``attr()`` up to
  date, by laying out every page with a reference again. Here a content that has no
  ``counter()`` of its own is recorded with no counter of its own.
- **a number already known is filled in before its page is laid out.** When a target is
  placed and a reference to it has not been laid out yet, the reference's text is brought up
  to date right after the target's page is made, so its page is laid out once with the right
  number. A reference on the target's own page, or one that also prints a counter of its own
  page, goes WeasyPrint's usual way.
- **a reference is laid out again only when a number it prints changed.** When a target's
  page is laid out again, the references to it are compared on the counters they print (for
  "(page N)": the target's ``page`` counter); the other counters, such as the total of pages,
  no longer trigger a layout.

A reference whose target moved is still laid out again, as in WeasyPrint, so no number goes
stale; tests compare the text of books rendered with and without these changes.

The result can differ from WeasyPrint's own in one way, to the good. WeasyPrint decides a
page's last line before a reference further down the paragraph, on the next page, has its
number ("(page 0)" in place of "(page 122)"), and then lays out again only the page with the
reference. With the number filled in first, the page before is laid out with the paragraph's
real text: in the French book, one paragraph across pages 165 and 166 keeps a line more on
page 165, which is what WeasyPrint itself gives when it lays that page out again.
"""

from __future__ import annotations

import copy
from typing import Any

# references whose text was brought up to date early while the current page was being made;
# those not found on that page are settled once it is made
_settled_early: list[Any] | None = None


def _own_counters(parent_box: Any, css_token: str) -> bool:
    """Whether the box's ``css_token`` property prints a counter of its own, such as
    ``counter(page)``, besides any target's."""
    values = parent_box.style[css_token] if css_token in ("content",) else None
    if not isinstance(values, (list, tuple)):
        return True  # not a content list: keep WeasyPrint's record as it is
    return any(isinstance(item, tuple) and item and item[0] in ("counter()", "counters()")
               for item in values)


def _anchor_name(anchor_token: Any, box: Any) -> str | None:
    """The anchor a ``target-*()`` token names for ``box``, resolved as WeasyPrint's
    ``TargetCollector.lookup_target`` resolves it."""
    from weasyprint.css.targets import anchor_name_from_token
    from weasyprint.urls import get_url_tuple

    if anchor_token[0] == "attr()":
        attr_name, attr_type, fallback = anchor_token[1]
        value = box.element.get(attr_name, fallback)
        if attr_type == "string":
            anchor_token = ("string", value)
        elif attr_type == "url":
            anchor_token = ("url", get_url_tuple(value, box.style.base_url))
    return anchor_name_from_token(anchor_token)


def _filed_by_anchor(parent_box: Any, css_token: str,
                     missing_target_counters: dict) -> dict:
    """``missing_target_counters`` with the counters filed under no name (targets named by
    ``attr()``) filed under the anchors they name; unchanged if one cannot be named."""
    unnamed = missing_target_counters.get(None)
    values = parent_box.style[css_token] if css_token == "content" else None
    if not unnamed or not isinstance(values, (list, tuple)):
        return missing_target_counters
    filed = {name: list(counters) for name, counters in missing_target_counters.items()
             if name is not None}
    for item in values:
        if not (isinstance(item, tuple) and item
                and item[0] in ("target-counter()", "target-counters()")):
            continue
        anchor_token, counter_name = item[1][:2]
        anchor = _anchor_name(anchor_token, parent_box)
        if anchor is None:
            return missing_target_counters
        if counter_name in unnamed and counter_name not in filed.setdefault(anchor, []):
            filed[anchor].append(counter_name)
    return filed


def _collect_missing_counters(collect: Any) -> Any:
    def collect_missing_counters(self, parent_box, css_token, parse_again, missing_counters,
                                 missing_target_counters):
        shadowed = any(missing_counters is target_list
                       for target_list in missing_target_counters.values())
        if self.collecting:
            missing_target_counters = _filed_by_anchor(parent_box, css_token,
                                                       missing_target_counters)
        if shadowed and not _own_counters(parent_box, css_token):
            missing_counters = []
        return collect(self, parent_box, css_token, parse_again, missing_counters,
                       missing_target_counters)

    return collect_missing_counters


def _cache_target_page_counters(self: Any, anchor_name: str, page_counter_values: dict,
                                page_maker_index: int, page_maker: list) -> None:
    """WeasyPrint's ``TargetCollector.cache_target_page_counters``, with the last two
    changes above."""
    if self.collecting:
        return
    target = self.target_lookup_items.get(anchor_name)
    if not target or target.state != "up-to-date":
        return
    target.page_maker_index = page_maker_index
    before = target.cached_page_counter_values
    if before == page_counter_values:
        return
    target.cached_page_counter_values = copy.deepcopy(page_counter_values)
    for (_, css_token), lookup in self.counter_lookup_items.items():
        # only generated content makes boxes; string-set and bookmarks wait for the last pass
        if css_token != "content":
            continue
        printed = lookup.missing_target_counters.get(anchor_name)
        if printed is None:
            continue
        if all(before.get(name) == page_counter_values.get(name) for name in printed):
            continue  # the reference reads the same
        if lookup.page_maker_index is None or lookup.page_maker_index >= len(page_maker):
            # not laid out yet: WeasyPrint marks it to be filled in when its page is made
            lookup.pending = True
            if not lookup.missing_counters and _settled_early is not None:
                _settled_early.append(lookup)
            continue
        if any(page_counter_values.get(name) is not None for name in printed):
            page_maker[lookup.page_maker_index][-1]["content_changed"] = True
            lookup.parse_again(lookup.cached_page_counter_values)


def _make_page_settling_references(make_page: Any) -> Any:
    def make_page_settling_references(context, root_box, page_type, resume_at, page_number,
                                      page_state):
        global _settled_early
        outer, _settled_early = _settled_early, []
        try:
            made = make_page(context, root_box, page_type, resume_at, page_number, page_state)
            for lookup in _settled_early or ():
                # a reference met on this page was filled in there, the WeasyPrint way; one not
                # met is on a later page, which is now laid out with its number already in place
                if lookup.pending and (lookup.page_maker_index is None
                                       or lookup.page_maker_index >= len(context.page_maker)):
                    lookup.parse_again(lookup.cached_page_counter_values)
                    lookup.pending = False
        finally:
            _settled_early = outer
        return made

    return make_page_settling_references


_installed = False


def install() -> None:
    """Patch WeasyPrint's page-reference bookkeeping, once per process."""
    global _installed
    if _installed:
        return
    from weasyprint.css import targets
    from weasyprint.layout import page

    targets.TargetCollector.collect_missing_counters = _collect_missing_counters(
        targets.TargetCollector.collect_missing_counters)
    targets.TargetCollector.cache_target_page_counters = _cache_target_page_counters
    page.make_page = _make_page_settling_references(page.make_page)
    _installed = True
