// Calls mylib.h's static inline functions through the wrappers that the
// installed wrap-static-fns wrote (OUT names their directory).
include!(concat!(env!("OUT"), "/mylib.rs"));

fn main() {
    // From the argument count, so that nothing folds at compile time.
    let n = std::env::args().count() as u32 + 3;
    let v = unsafe { twice(n as i32) as u64 + low_mask(n) as u64 };
    println!("twice + low_mask of {}: {}", n, v);
}
