use digest_render::stream::Stream;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let size: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let mut s = Stream::new(Default::default(), "");
    let chars: Vec<char> = text.chars().collect();
    for c in chars.chunks(size) {
        let chunk: String = c.iter().collect();
        let ops = s.push(&chunk);
        if ops != "[]" { println!("push {:?}\n  {}", chunk, ops); }
    }
    println!("FINISH {}", s.finish(usize::MAX).unwrap());
}
