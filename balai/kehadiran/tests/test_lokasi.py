import pytest

from balai.kehadiran.lokasi import jarak_meter, teks_jarak


def test_one_degree_of_latitude_is_about_111_km():
    assert jarak_meter(0, 0, 1, 0) == pytest.approx(111_195, rel=1e-3)


def test_short_distances_near_the_office():
    # 0.0009 degrees of latitude ≈ 100 m anywhere; of longitude at 7.4° S ≈ 99 m.
    assert jarak_meter(-7.389, 109.412, -7.3899, 109.412) == pytest.approx(100.1, abs=0.5)
    assert jarak_meter(-7.389, 109.412, -7.389, 109.4129) == pytest.approx(99.3, abs=0.5)
    assert jarak_meter(-7.389, 109.412, -7.389, 109.412) == 0


def test_distance_is_symmetric():
    assert jarak_meter(-7.3, 109.4, -7.5, 109.2) == pytest.approx(jarak_meter(-7.5, 109.2, -7.3, 109.4))


def test_distance_text():
    assert teks_jarak(85.4) == "85 m"
    assert teks_jarak(2437) == "2,4 km"
