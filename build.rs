//! Generates the protobuf and gRPC code from `proto/` with a pure-Rust protobuf
//! compiler (`protox`), so no system `protoc` is needed; also writes the file
//! descriptor set served by gRPC reflection and the proto3 JSON (serde) impls.

use std::{env, error::Error, fs, path::PathBuf};

use prost::Message;

const PROTOS: &[&str] = &[
    "proto/newsextract/v1/article.proto",
    "proto/newsextract/v1/service.proto",
];

fn main() -> Result<(), Box<dyn Error>> {
    for p in PROTOS {
        println!("cargo:rerun-if-changed={p}");
    }
    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    let fds = protox::compile(PROTOS, ["proto"])?;
    let descriptor_bytes = fds.encode_to_vec();
    fs::write(
        out_dir.join("newsextract_descriptor.bin"),
        &descriptor_bytes,
    )?;

    tonic_build::configure()
        .build_client(true)
        .build_server(true)
        .compile_well_known_types(true)
        .extern_path(".google.protobuf", "::pbjson_types")
        .compile_fds(fds)?;

    pbjson_build::Builder::new()
        .register_descriptors(&descriptor_bytes)?
        .build(&[".newsextract"])?;
    Ok(())
}
