"""R14 (000 ประเด็น 4 item 2): only requests asking the ministry's support go through the provincial
field office. Province- or cluster-funded requests waiting at the field office move on to their
reviewing ministry, with an event saying why; those submitted or being screened lose the route
before they reach it; drafts are routed afresh when submitted."""

from django.db import migrations

REASON = (
    "คำขอนี้ใช้งบประมาณของจังหวัด/กลุ่มจังหวัดเอง จึงไม่ต้องผ่านหน่วยงานส่วนภูมิภาค "
    "ส่งต่อให้กระทรวงผู้พิจารณาโดยตรง (ปรับตามข้อสรุปการประชุม: ต้องผ่าน ทสจ. เฉพาะโครงการที่ขอรับการสนับสนุนจากกระทรวง)"
)


def reroute(apps, schema_editor):
    ProjectRequest = apps.get_model("proposals", "ProjectRequest")
    RequestEvent = apps.get_model("proposals", "RequestEvent")
    moved = ProjectRequest.objects.filter(status="field_review").exclude(funding_channel="ministry_support")
    events = []
    for request in moved.only("pk", "routed_field_office_id"):
        events.append(
            RequestEvent(
                request_id=request.pk,
                actor=None,
                action="route_corrected",
                from_status="field_review",
                to_status="ministry_review",
                comment=REASON,
                payload={"field_office_id": request.routed_field_office_id, "migration": "0010_flow_r14_reroute"},
            )
        )
    RequestEvent.objects.bulk_create(events, batch_size=1000)
    # the field office no longer holds them: it would otherwise keep them in its queue and scope
    moved.update(status="ministry_review", routed_field_office=None)
    # not yet at the field office (submitted, being screened): simply no longer routed
    ProjectRequest.objects.filter(status__in=["submitted", "screening"]).exclude(
        funding_channel="ministry_support"
    ).update(routed_field_office=None)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0009_flow_capacity_referral_reminders")]

    operations = [migrations.RunPython(reroute, migrations.RunPython.noop)]
