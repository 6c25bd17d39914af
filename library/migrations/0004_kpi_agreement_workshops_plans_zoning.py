"""R13 joint KPIs agreed by both sides, workshops, R22 cited plans and zoning proposals.

Existing joint KPIs:
- a workshop/library JointKPI entered by the central team (or loaded as reference data, with no
  author) becomes AGREED, proposed by "the workshop": until now only the central team could enter
  one, and it recorded what ministries and clusters/provinces agreed together at the workshop
  (000 ประเด็น 3 item 6), so both sides were present. One entered by anybody else (an account
  that is no longer central) becomes PENDING: nobody can vouch the other side agreed.
- a request's joint KPI (proposals.RequestKPI) gets no agreement row, i.e. PENDING: the province
  typed it alone in its request form and the joint ministry never confirmed it. The ministry now
  confirms it (or asks for a change) on the request page; until then it is not listed in public.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def agree_central_workshop_kpis(apps, schema_editor):
    JointKPI = apps.get_model("library", "JointKPI")
    Membership = apps.get_model("portal", "Membership")
    central = set(Membership.objects.filter(role__in=["central_team", "administrator"]).values_list("user_id", flat=True))
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    central |= set(User.objects.filter(is_superuser=True).values_list("pk", flat=True))
    for kpi in JointKPI.objects.all():
        agreed = kpi.created_by_id is None or kpi.created_by_id in central
        kpi.status = "agreed" if agreed else "pending"
        kpi.proposed_side = "workshop"
        kpi.save(update_fields=["status", "proposed_side"])


class Migration(migrations.Migration):

    dependencies = [
        ('clusters', '0002_forms_gazetteer'),
        ('library', '0003_documentversion_text'),
        ('ministries', '0002_initial'),
        ('proposals', '0006_event_kinds_core_loop'),
        ('portal', '0003_loop_plan_approval_required'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='external_url',
            field=models.URLField(blank=True, max_length=500, verbose_name='ลิงก์เอกสาร'),
        ),
        migrations.AddField(
            model_name='jointkpi',
            name='proposed_side',
            field=models.CharField(choices=[('area', 'กลุ่มจังหวัด/จังหวัด'), ('ministry', 'กระทรวง/กรม'), ('workshop', 'ที่ประชุมเชิงปฏิบัติการ')], default='workshop', max_length=20, verbose_name='ฝ่ายที่เสนอ'),
        ),
        migrations.AddField(
            model_name='jointkpi',
            name='responded_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='ตอบเมื่อ'),
        ),
        migrations.AddField(
            model_name='jointkpi',
            name='responded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='jointkpi',
            name='response_note',
            field=models.TextField(blank=True, verbose_name='ความเห็นของอีกฝ่าย'),
        ),
        migrations.AddField(
            model_name='jointkpi',
            name='status',
            field=models.CharField(choices=[('pending', 'รอการยืนยันจากอีกฝ่าย'), ('change_requested', 'อีกฝ่ายขอให้ปรับแก้'), ('agreed', 'เห็นชอบร่วมกันแล้ว')], default='pending', max_length=20, verbose_name='สถานะความเห็นชอบ'),
        ),
        migrations.CreateModel(
            name='Workshop',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('fiscal_year', models.PositiveIntegerField(db_index=True, verbose_name='ปีงบประมาณ (พ.ศ.)')),
                ('held_on', models.DateField(verbose_name='วันที่จัด')),
                ('title', models.CharField(max_length=300, verbose_name='ชื่อการประชุม')),
                ('venue', models.CharField(blank=True, max_length=300, verbose_name='สถานที่')),
                ('notes', models.TextField(blank=True, verbose_name='สรุปผลการประชุม')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('ministries', models.ManyToManyField(blank=True, related_name='+', to='ministries.ministry', verbose_name='กระทรวงที่เข้าร่วม')),
                ('offices', models.ManyToManyField(blank=True, related_name='workshops', to='clusters.office', verbose_name='กลุ่มจังหวัด/จังหวัดที่เข้าร่วม')),
            ],
            options={
                'verbose_name': 'การประชุมเชิงปฏิบัติการ',
                'verbose_name_plural': 'การประชุมเชิงปฏิบัติการ',
                'ordering': ['-fiscal_year', '-held_on', '-id'],
            },
        ),
        migrations.AddField(
            model_name='jointkpi',
            name='workshop',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='kpis', to='library.workshop', verbose_name='เห็นชอบในการประชุม'),
        ),
        migrations.CreateModel(
            name='ZoningProposal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('fiscal_year', models.PositiveIntegerField(db_index=True, verbose_name='ปีงบประมาณ (พ.ศ.)')),
                ('title', models.CharField(max_length=300, verbose_name='เรื่อง')),
                ('location', models.CharField(help_text='เช่น อำเภอ ตำบล หรือพิกัด', max_length=300, verbose_name='พื้นที่ที่เสนอ')),
                ('need', models.TextField(verbose_name='ความต้องการและเหตุผล')),
                ('industries', models.CharField(blank=True, max_length=300, verbose_name='อุตสาหกรรมเป้าหมาย')),
                ('status', models.CharField(choices=[('sent', 'ส่งแล้ว รอกระทรวงรับเรื่อง'), ('received', 'กระทรวงรับเรื่องแล้ว'), ('answered', 'กระทรวงตอบแล้ว')], default='sent', max_length=20, verbose_name='สถานะ')),
                ('answer', models.TextField(blank=True, verbose_name='คำตอบของกระทรวง')),
                ('received_at', models.DateTimeField(blank=True, null=True, verbose_name='รับเรื่องเมื่อ')),
                ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='ตอบเมื่อ')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ส่งเมื่อ')),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('document', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='library.document', verbose_name='เอกสารประกอบในคลังแผน')),
                ('ministry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='zoning_proposals', to='ministries.ministry', verbose_name='เสนอถึงกระทรวง')),
                ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='zoning_proposals', to='clusters.office', verbose_name='ผู้เสนอ')),
                ('received_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'ข้อเสนอการจัดพื้นที่/เขตอุตสาหกรรม',
                'verbose_name_plural': 'ข้อเสนอการจัดพื้นที่/เขตอุตสาหกรรม',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='RequestKPIAgreement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=300, verbose_name='ตัวชี้วัด')),
                ('target', models.CharField(blank=True, max_length=100, verbose_name='ค่าเป้าหมาย')),
                ('unit', models.CharField(blank=True, max_length=50, verbose_name='หน่วยนับ')),
                ('status', models.CharField(choices=[('agreed', 'เห็นชอบร่วมกันแล้ว'), ('change_requested', 'อีกฝ่ายขอให้ปรับแก้')], max_length=20, verbose_name='สถานะความเห็นชอบ')),
                ('note', models.TextField(blank=True, verbose_name='ความเห็นของกระทรวง')),
                ('responded_at', models.DateTimeField(auto_now=True, verbose_name='ตอบเมื่อ')),
                ('ministry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ministries.ministry')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='kpi_agreements', to='proposals.projectrequest', verbose_name='คำขอ')),
                ('responded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'ความเห็นชอบตัวชี้วัดร่วมของคำขอ',
                'verbose_name_plural': 'ความเห็นชอบตัวชี้วัดร่วมของคำขอ',
                'constraints': [models.UniqueConstraint(fields=('request', 'ministry', 'name', 'target', 'unit'), name='uniq_request_kpi_agreement')],
            },
        ),
        migrations.CreateModel(
            name='RequestPlanCitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='ส่วนของแผนที่เกี่ยวข้อง')),
                ('cited_at', models.DateTimeField(auto_now_add=True)),
                ('cited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='citations', to='library.document', verbose_name='แผนที่อ้างอิง')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='plan_citations', to='proposals.projectrequest', verbose_name='คำขอ')),
            ],
            options={
                'verbose_name': 'แผนที่คำขออ้างอิง',
                'verbose_name_plural': 'แผนที่คำขออ้างอิง',
                'ordering': ['document__kind', 'document__title'],
                'constraints': [models.UniqueConstraint(fields=('request', 'document'), name='uniq_request_plan_citation', violation_error_message='คำขอนี้อ้างอิงแผนนี้อยู่แล้ว')],
            },
        ),
        migrations.AddConstraint(
            model_name='workshop',
            constraint=models.CheckConstraint(condition=models.Q(('fiscal_year__gte', 2500), ('fiscal_year__lte', 2700)), name='workshop_year_is_be'),
        ),
        migrations.AddConstraint(
            model_name='zoningproposal',
            constraint=models.CheckConstraint(condition=models.Q(('fiscal_year__gte', 2500), ('fiscal_year__lte', 2700)), name='zoning_year_is_be'),
        ),
        migrations.RunPython(agree_central_workshop_kpis, migrations.RunPython.noop),
    ]
