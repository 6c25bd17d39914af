"""The public electronic channel end to end (R10-R13): the central team publishes a cluster
development plan through the upload form; a visitor finds it by a Thai search, downloads it,
opens the water mechanism chart and the Budget Bureau's directory entry. Every public page is
checked with axe-core."""

import pytest

from library.demo import library_load
from tests.e2e.conftest import axe_violations, login, logout, screenshot
from tests.library.conftest import PDF_BYTES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "แผนพัฒนากลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง พ.ศ. 2553-2556"
FILE_BYTES = PDF_BYTES + "% ฉบับทดสอบ e2e\n".encode()


@pytest.fixture
def channel(people):
    library_load()
    return people


def test_a_cluster_plan_travels_from_the_central_team_to_a_visitor(page, channel, tmp_path):
    people = channel
    upload = tmp_path / "cluster-plan-2553.pdf"
    upload.write_bytes(FILE_BYTES)

    login(page, people.central)
    page.goto(page.base_url + "/library/")
    page.click("text=เผยแพร่เอกสาร")
    page.select_option("#id_kind", "development_plan")
    page.fill("#id_title", TITLE)
    page.fill("#id_description", "แผนพัฒนากลุ่มจังหวัด 4 ปี ขอนแก่น กาฬสินธุ์ มหาสารคาม ร้อยเอ็ด")
    page.select_option("#id_office", label=people.cluster_office_a.name_th)
    page.fill("#id_fiscal_year_from", "2553")
    page.fill("#id_fiscal_year_to", "2556")
    page.set_input_files("#id_file", str(upload))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("h1").inner_text() == TITLE
    screenshot(page, "library_published")
    logout(page)

    # a visitor, not signed in, starts from the home page
    page.goto(page.base_url + "/")
    page.click("main >> text=คลังแผน")
    page.fill("#id_q", "แผนพัฒนากลุ่มจังหวัด")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    page.click(f"text={TITLE}")
    assert page.locator("h1").inner_text() == TITLE
    with page.expect_download() as info:
        page.click("text=ดาวน์โหลดฉบับล่าสุด")
    download = info.value
    assert download.suggested_filename == "cluster-plan-2553.pdf"
    assert open(download.path(), "rb").read() == FILE_BYTES

    page.goto(page.base_url + "/")
    page.click("main >> text=กลไกการประสาน")
    page.click("text=ทรัพยากรน้ำ")
    chart = page.locator("svg.mechanism-chart")
    assert chart.is_visible()
    assert "คณะกรรมการทรัพยากรน้ำแห่งชาติ" in chart.text_content()
    screenshot(page, "library_water_chart")

    page.goto(page.base_url + "/")
    page.click("main >> text=ทำเนียบทีมบูรณาการ")
    page.click("#central-bb >> text=กลุ่มงานวิเคราะห์งบประมาณจังหวัดและกลุ่มจังหวัด")
    assert page.locator("h1").inner_text() == "กลุ่มงานวิเคราะห์งบประมาณจังหวัดและกลุ่มจังหวัด"
    assert "saraban@bb.go.th" in page.content()
    screenshot(page, "library_budget_bureau")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/library/",
        "/library/directory/",
        "/library/mechanisms/",
        "/library/mechanisms/water/",
        "/library/mechanisms/environment/",
        "/library/joint-kpis/",
    ],
)
def test_the_public_pages_have_no_serious_accessibility_violations(page, channel, path):
    page.goto(page.base_url + path)
    assert axe_violations(page) == []


def test_a_document_page_has_no_serious_accessibility_violations(page, channel):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from library import services

    document = services.document_create(
        user=channel.central,
        kind="development_plan",
        title=TITLE,
        office=channel.cluster_office_a,
        file=SimpleUploadedFile("plan.pdf", FILE_BYTES),
        fiscal_year_from=2553,
        fiscal_year_to=2556,
        tags="น้ำ, ลุ่มน้ำชี",
    )
    page.goto(page.base_url + document.get_absolute_url())
    assert axe_violations(page) == []
    page.goto(page.base_url + "/library/?q=%E0%B9%88%E0%B9%88")  # lone tone marks: a notice, not an error
    assert "สระหรือวรรณยุกต์" in page.content()
    assert axe_violations(page) == []


def test_the_public_pages_read_on_a_phone(page, channel):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/library/directory/", "/library/mechanisms/water/", "/library/joint-kpis/"):
        page.goto(page.base_url + path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"
    screenshot(page, "library_phone_water")
