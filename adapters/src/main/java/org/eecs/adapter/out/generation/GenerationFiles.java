package org.eecs.adapter.out.generation;

import org.eecs.adapter.yaml.YamlNode;
import org.eecs.domain.care.RobotAbilities;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * The three files that describe what this robot can perform, read and checked together at start: the robot
 * profile, the motion library (whose poses must fit the profile's joints and limits) and the prosody table.
 * Whatever is wrong in any of them stops the start with an {@link InvalidGenerationFile} naming the place.
 */
record GenerationFiles(RobotProfileFile profile, MotionLibrary motions, ProsodyTable prosody) {

    static GenerationFiles read(Resource profile, Resource motionLibrary, Resource prosodyTable) {
        RobotProfileFile robot = RobotProfileFile.read(yaml(profile));
        return new GenerationFiles(robot, MotionLibrary.read(yaml(motionLibrary), robot),
                ProsodyTable.read(prosodyTable));
    }

    /** The files shipped in generation/ on the class path. */
    static GenerationFiles bundled() {
        return read(new ClassPathResource("generation/robot-profile.yaml"),
                new ClassPathResource("generation/motion-library.yaml"), new ClassPathResource("generation/prosody.tsv"));
    }

    /** Exactly what the files describe: the prosody table's tones, the profile's expressions, the library's motions. */
    RobotAbilities abilities() {
        return new RobotAbilities(prosody.toneSet(), profile.faces(), motions.motions());
    }

    /** A YAML file of the robot's, whose every problem is an {@link InvalidGenerationFile} naming the place. */
    static YamlNode yaml(Resource resource) {
        return YamlNode.read(describe(resource), resource, InvalidGenerationFile::new);
    }

    static String describe(Resource resource) {
        return resource instanceof ClassPathResource classPath ? "classpath:" + classPath.getPath()
                : resource.getDescription();
    }
}
