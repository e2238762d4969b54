def test_village_profile_refuses_coordinates_off_the_globe(client_for, admin_a, desa_a):
    client = client_for(desa_a, admin_a)
    body = client.post("/admin-desa/profil/", {"lat": "-97.5", "lng": "185"}).content.decode()
    assert "Lintang harus antara -90 dan 90" in body and "Bujur harus antara -180 dan 180" in body
    desa_a.refresh_from_db()
    assert desa_a.lat is None
    assert client.post("/admin-desa/profil/", {"lat": "-7.3712", "lng": "109.3521"}).status_code == 302
