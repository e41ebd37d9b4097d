//! The README's captured example is real: the card it shows is exactly what
//! `careerfit score` prints for the answers it names.

use assert_cmd::Command;

#[test]
fn readme_example_card_is_current() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let spec = readme
        .lines()
        .find_map(|l| l.strip_prefix("careerfit score --answers "))
        .expect("README shows a score command")
        .trim()
        .to_string();
    let start = readme.find("```text\n").expect("README shows a card") + "```text\n".len();
    let card = &readme[start..start + readme[start..].find("```").unwrap()];
    let out = Command::cargo_bin("careerfit")
        .unwrap()
        .args(["score", "--answers", &spec])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), card);
    let code = card
        .lines()
        .find_map(|l| l.strip_prefix("Share code: "))
        .unwrap();
    assert!(readme.contains(&format!("careerfit show {code}")));
}
