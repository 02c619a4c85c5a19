package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.eecs.application.port.in.RegisteringRobots;
import org.eecs.domain.audit.Role;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/robots")
@Tag(name = "Robots", description = "The hospital's robots; each is a Keycloak client with the same id")
class RobotController {

    private final RegisteringRobots robots;
    private final Callers callers;

    RobotController(RegisteringRobots robots, Callers callers) {
        this.robots = robots;
        this.callers = callers;
    }

    @PostMapping
    @Operation(summary = "Register a robot (administrators)")
    ResponseEntity<RobotJson> register(@Valid @RequestBody RobotJson body) {
        Robot robot = robots.register(callers.as(Role.ADMIN),
                new Robot(new RobotId(body.id()), body.name(), body.model(), body.profileReference()));
        return ResponseEntity.created(URI.create("/api/v1/robots/" + robot.id().value())).body(view(robot));
    }

    @GetMapping
    @Operation(summary = "All registered robots")
    List<RobotJson> list() {
        return robots.list(callers.asAnyOf(Role.ADMIN, Role.CLINICIAN)).stream().map(RobotController::view).toList();
    }

    @GetMapping("/{robot}")
    @Operation(summary = "One robot")
    RobotJson read(@PathVariable RobotId robot) {
        return view(robots.read(callers.asAnyOf(Role.ADMIN, Role.CLINICIAN), robot));
    }

    private static RobotJson view(Robot robot) {
        return new RobotJson(robot.id().value(), robot.name(), robot.model(), robot.profileReference());
    }

    /** @param id the robot's Keycloak client id, e.g. "robot-ward-a" */
    record RobotJson(@NotBlank @Size(max = 63) String id, @NotBlank @Size(max = 120) String name,
                     @NotBlank @Size(max = 120) String model, @NotBlank @Size(max = 255) String profileReference) {
    }
}
