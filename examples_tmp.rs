fn main() {
    let d = digest_render::parse("Key Facts - The harbour reopened [1] - Boats **returned** to work [2]\nWorld Desk|Harbour reopens\nCoastline Courier·2025-06-09 08:30");
    let r = digest_render::records::write(&d);
    let n = u32::from_le_bytes(r[0..4].try_into().unwrap()) as usize;
    println!("{:?}", String::from_utf8_lossy(&r[4 + 4 * n..]));
    println!("{:?}", d.sections[0].points[0].inlines);
}
