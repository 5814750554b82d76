use digest_render::stream::Stream;
use std::time::Instant;
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let t = Instant::now();
        let mut bytes = 0;
        for _ in 0..20 {
            let mut s = Stream::new(Default::default(), "");
            for c in chars.chunks(32) {
                let chunk: String = c.iter().collect();
                bytes += s.push(&chunk).len();
            }
            bytes += s.finish(usize::MAX).unwrap().len();
        }
        println!("{path}: {} chars, {:?} per stream, {} op bytes per stream", chars.len(), t.elapsed() / 20, bytes / 20);
    }
}
