package org.eecs.robot.body;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.eecs.robot.settings.InvalidSettings;
import org.eecs.robot.settings.SettingsTree;

/**
 * What the agent knows of its body, from its own copy of the robot profile (the file the backend plans with, see
 * docs/generation.md): the joints in trajectory order with their limits and rest pose, and the face's blendshape
 * channels. Expressions in the file are the backend's business and are ignored here.
 */
public record RobotProfile(String name, List<Joint> joints, List<String> faceChannels) {

    public static final String BUNDLED = "/robot-profile.yaml";

    public RobotProfile {
        joints = List.copyOf(joints);
        faceChannels = List.copyOf(faceChannels);
        if (joints.isEmpty()) {
            throw new IllegalArgumentException("a robot profile needs at least one joint");
        }
        if (new HashSet<>(joints.stream().map(Joint::name).toList()).size() != joints.size()) {
            throw new IllegalArgumentException("joint names must be unique: " + joints.stream().map(Joint::name).toList());
        }
        if (new HashSet<>(faceChannels).size() != faceChannels.size()) {
            throw new IllegalArgumentException("face channels must be unique: " + faceChannels);
        }
    }

    /** The profile shipped with the agent: the reference humanoid. */
    public static RobotProfile bundled() {
        try (InputStream in = RobotProfile.class.getResourceAsStream(BUNDLED)) {
            return from(SettingsTree.read("robot-profile.yaml (bundled)", in, variable -> null));
        } catch (IOException e) {
            throw new InvalidSettings("the bundled robot profile cannot be read: " + e.getMessage(), e);
        }
    }

    public static RobotProfile read(Path file) {
        return from(SettingsTree.read(file, variable -> null));
    }

    static RobotProfile from(SettingsTree file) {
        String name = file.at("name").text("robot");
        List<Joint> joints = new ArrayList<>();
        for (Map.Entry<String, SettingsTree> entry : file.at("joints").entries().entrySet()) {
            SettingsTree joint = entry.getValue();
            try {
                joints.add(new Joint(entry.getKey(), joint.at("min").requiredNumber(), joint.at("max").requiredNumber(),
                        joint.at("maxVelocity").requiredNumber(), joint.at("maxAcceleration").requiredNumber(),
                        joint.at("rest").requiredNumber()));
            } catch (IllegalArgumentException e) {
                throw joint.problem(e.getMessage());
            }
        }
        List<String> channels = file.at("face").at("channels").present()
                ? file.at("face").at("channels").list().stream().map(SettingsTree::requiredText).toList()
                : List.of();
        try {
            return new RobotProfile(name, joints, channels);
        } catch (IllegalArgumentException e) {
            throw file.problem(e.getMessage());
        }
    }

    public int jointCount() {
        return joints.size();
    }

    public int indexOfJoint(String joint) {
        for (int i = 0; i < joints.size(); i++) {
            if (joints.get(i).name().equals(joint)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> jointNames() {
        return joints.stream().map(Joint::name).toList();
    }

    /** The safe idle pose: every joint at rest. */
    public double[] restPose() {
        return joints.stream().mapToDouble(Joint::rest).toArray();
    }
}
