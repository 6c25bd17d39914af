"""The reviewer queue's filters, shared by the page and the API (django-filter; labels in Thai
because django-filter ships no Thai catalogue)."""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, Value
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster, ClusterMembership, Province
from ministries.models import Ministry, MinistryStrategy, WorkCategory
from portal.roles import scope_of
from portal.snapshots import Snapshot
from portal.widgets import with_python_selects
from proposals.models import ProjectRequest, RequestLocation, RequestProvince
from proposals.models.joint import cross_cutting_q
from proposals.selectors.requests import requests_matching
from reviews.selectors.queue import partner_condition, waiting_condition


class FlagStateChoices:
    OPEN = "open"
    RULED = "ruled"
    NONE = "none"
    CHOICES = [(OPEN, _("มีผลตรวจซ้ำซ้อนที่ยังไม่วินิจฉัย")), (RULED, _("วินิจฉัยครบแล้ว")), (NONE, _("ไม่พบความซ้ำซ้อน"))]


DEADLINE_CHOICES = [("overdue", _("เลยกำหนดแล้ว")), ("7", _("ครบกำหนดใน 7 วัน")), ("30", _("ครบกำหนดใน 30 วัน"))]
WHICH_CHOICES = [
    ("waiting", _("รอฉันพิจารณา")),
    ("decided", _("พิจารณาแล้ว")),
    ("partner", _("ที่เราเป็นกระทรวงร่วม (ให้ความเห็น)")),
    ("all", _("ทั้งหมด")),
]
PER_PAGE_CHOICES = (25, 50, 100)


class _Descending:
    """`descending_fmt % label` is applied once, when the filter set is declared: keep the result
    lazy so the menu follows the reader's language (issue 11), not the language at import time."""

    def __mod__(self, label):
        return lazy(lambda: gettext("%s (จากมากไปน้อย)") % label, str)()


class ThaiOrderingFilter(django_filters.OrderingFilter):
    descending_fmt = _Descending()


class ReviewQueueFilter(django_filters.FilterSet):
    which = django_filters.ChoiceFilter(choices=WHICH_CHOICES, method="filter_which", label=_("แสดง"), empty_label=None)
    fiscal_year = django_filters.NumberFilter(label=_("ปีงบประมาณ (พ.ศ.)"))
    cluster = django_filters.ModelChoiceFilter(
        queryset=Cluster.objects.all(),
        method="filter_cluster",
        label=_("กลุ่มจังหวัด"),
        empty_label=_("ทุกกลุ่มจังหวัด"),
    )
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(),
        method="filter_province",
        label=_("จังหวัด"),
        empty_label=_("ทุกจังหวัด"),
    )
    category = django_filters.ModelChoiceFilter(
        queryset=WorkCategory.objects.all(), label=_("หมวดงาน"), empty_label=_("ทุกหมวดงาน")
    )
    strategy = django_filters.ModelChoiceFilter(
        field_name="ministry_strategy",
        queryset=MinistryStrategy.objects.select_related("ministry"),
        label=_("ยุทธศาสตร์กระทรวง"),
        empty_label=_("ทุกยุทธศาสตร์"),
    )
    amount_min = django_filters.NumberFilter(field_name="amount", lookup_expr="gte", label=_("วงเงินตั้งแต่ (บาท)"))
    amount_max = django_filters.NumberFilter(field_name="amount", lookup_expr="lte", label=_("วงเงินไม่เกิน (บาท)"))
    flags = django_filters.ChoiceFilter(
        choices=FlagStateChoices.CHOICES,
        method="filter_flags",
        label=_("ผลตรวจความซ้ำซ้อน"),
        empty_label=_("ทั้งหมด"),
    )
    deadline = django_filters.ChoiceFilter(
        choices=DEADLINE_CHOICES,
        method="filter_deadline",
        label=_("กำหนดพิจารณา"),
        empty_label=_("ทั้งหมด"),
    )
    q = django_filters.CharFilter(method="filter_text", label=_("ค้นหา (ชื่อ เลขที่ หรือพื้นที่)"))
    cross_cutting = django_filters.BooleanFilter(
        method="filter_cross_cutting",
        label=_("หลายกระทรวง/หลายพื้นที่"),
        widget=forms.Select(
            choices=[
                ("", _("ทุกคำขอ")),
                ("true", _("เฉพาะหลายกระทรวง/หลายพื้นที่")),
                ("false", _("ไม่รวมหลายกระทรวง/หลายพื้นที่")),
            ]
        ),
    )
    ordering = ThaiOrderingFilter(
        fields=(
            ("review_deadline", "deadline"),
            ("amount", "amount"),
            ("priority_rank", "rank"),
            ("submitted_at", "submitted"),
            ("open_flags", "flags"),
        ),
        # keyed by model field, not by URL parameter: django-filter falls back to the English
        # pretty name of the parameter ("Deadline") for a key it does not find
        field_labels={
            "review_deadline": _("กำหนดพิจารณา"),
            "amount": _("วงเงิน"),
            "priority_rank": _("ลำดับความสำคัญ"),
            "submitted_at": _("วันที่ส่ง"),
            "open_flags": _("จำนวนผลตรวจที่ยังไม่วินิจฉัย"),
        },
        label=_("เรียงตาม"),
        empty_label=_("ค่าเริ่มต้น (กำหนดพิจารณา)"),
    )

    class Meta:
        model = ProjectRequest
        fields = [
            "which",
            "fiscal_year",
            "cluster",
            "province",
            "category",
            "strategy",
            "amount_min",
            "amount_max",
            "flags",
            "deadline",
            "q",
            "cross_cutting",
        ]

    def __init__(self, data=None, *args, request_user=None, **kwargs):
        data = data.copy() if data is not None else {}
        if hasattr(data, "setlist"):
            data.setdefault("which", "waiting")
        else:
            data = {"which": "waiting", **dict(data)}
        super().__init__(data, *args, **kwargs)
        self.request_user = request_user

    @property
    def form(self):
        form = with_python_selects(super().form)  # issue 15: long option lists written in Python
        if not getattr(form, "_options_shown", False):
            language = get_language()
            for name in REFERENCE_SELECTS:
                field = form.fields[name]
                # what the select shows, from the snapshot; what it accepts stays the queryset's
                field.widget.choices = [("", field.empty_label), *_REFERENCE_OPTIONS.get((name, language))]
            form._options_shown = True
        return form

    @property
    def qs(self):
        return self.sorted(super().qs)

    @property
    def filtered(self):
        """The rows the filters keep, in the ordering asked for if any (not yet in the default one)."""
        return super().qs

    def sorts_every_row(self, deadlines) -> bool:
        """Whether the order is none an index walks (an ordering asked for, or the deadline first
        among rows of several deadlines): the database then sorts every filtered row for a page."""
        return bool(self.data.get("ordering")) or len(deadlines or ()) > 1

    def sorted(self, queryset, deadlines=None):
        """`queryset` (the filtered rows) in the order asked for, else the queue's own order.
        `deadlines`: the review deadlines among the rows when the caller knows them (the page
        counts them with its sums, `queue_counts`); None asks the database."""
        if self.data.get("ordering"):
            return queryset.order_by(*queryset.query.order_by, "id")
        # Issue 15: sorted on the office's name copied on the row (no join to sort). When every
        # row shares one deadline (a ministry's waiting requests of one year: the usual queue),
        # sorting on it changes nothing, and leaving it out lets the database walk the index
        # `request_ministry_queue` and stop after a page instead of sorting the whole queue.
        order = ("fiscal_year", "office_sort_name", "priority_rank", "id")
        if deadlines is None:
            deadline = queryset.query.annotations.get("review_deadline")
            if isinstance(deadline, Value):
                deadlines = {deadline.value}  # no review calendar: one deadline for all (none)
            else:
                deadlines = queryset.order_by().values_list("review_deadline", flat=True).distinct()[:2]
        if len(deadlines) > 1:
            order = ("review_deadline", *order)
        return queryset.order_by(*order)

    def filter_which(self, queryset, name, value):
        if value == "all" or self.request_user is None:
            return queryset
        scope = scope_of(self.request_user)
        if value == "partner":
            return queryset.filter(partner_condition(scope))
        waiting = waiting_condition(scope)
        return queryset.filter(waiting) if value == "waiting" else queryset.exclude(waiting)

    def filter_cluster(self, queryset, name, value):
        """The request's cluster: its cluster office, or its province's cluster that fiscal year."""
        membership = ClusterMembership.objects.filter(
            cluster=value,
            province=OuterRef("office__province"),
            valid_from__lte=OuterRef("fiscal_year"),
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("fiscal_year")))
        return queryset.filter(Q(office__cluster=value) | Q(Exists(membership)))

    def filter_province(self, queryset, name, value):
        located = RequestLocation.objects.filter(request=OuterRef("pk"), province=value)
        covered = RequestProvince.objects.filter(request=OuterRef("pk"), province=value)  # R20
        return queryset.filter(Q(office__province=value) | Q(Exists(located)) | Q(Exists(covered)))

    def filter_cross_cutting(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(cross_cutting_q()) if value else queryset.exclude(cross_cutting_q())

    def filter_flags(self, queryset, name, value):
        if value == FlagStateChoices.OPEN:
            return queryset.filter(open_flags__gt=0)
        if value == FlagStateChoices.RULED:
            return queryset.filter(open_flags=0, ruled_flags__gt=0)
        if value == FlagStateChoices.NONE:
            return queryset.filter(open_flags=0, ruled_flags=0)
        return queryset

    def filter_deadline(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(review_deadline__lt=today)
        days = int(value)
        return queryset.filter(review_deadline__gte=today, review_deadline__lte=today + datetime.timedelta(days=days))

    def filter_text(self, queryset, name, value):
        return requests_matching(queryset, value)  # every word, in any order (issue 11)


# The filters' reference tables shown as select boxes: (value, label) of each row, in each language.
REFERENCE_SELECTS = ("cluster", "province", "category", "strategy")


def _reference_options(key) -> list[tuple]:
    name, language = key
    field = ReviewQueueFilter.base_filters[name].field
    with override(language):
        return [(field.prepare_value(row), field.label_from_instance(row)) for row in field.queryset.all()]


# Issue 15: four queries (and a hundred and fifty rows made into objects) on every view of the
# queue, for tables the registry changes a few times a year: kept as a snapshot of the shown
# options (portal.snapshots; a saved row clears it at once in this process, the others follow
# within SNAPSHOT_SECONDS).
_REFERENCE_OPTIONS = Snapshot(_reference_options, models=(Cluster, Province, WorkCategory, MinistryStrategy, Ministry))
