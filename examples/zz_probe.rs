fn main() {
    let path = std::env::args().nth(1).unwrap();
    let n: u32 = std::env::args().nth(2).unwrap().parse().unwrap();
    let bytes = std::fs::read(path).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let id = doc.get_pages()[&n];
    println!("{:?}", doc.get_dictionary(id).unwrap());
    let content = doc.get_page_content(id).unwrap();
    println!(
        "{}",
        String::from_utf8_lossy(&content[..3000.min(content.len())])
    );
}
