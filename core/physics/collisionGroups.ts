/**
 * cannon-es collision filter bits used by `PhysicsWorld`. The planar bicycle chassis never touches
 * the ground plane (its height is held by the model), so it neither generates nor pays for
 * ground contacts; the raycast candidate's chassis does collide with the ground.
 */

/** The static ground plane z = 0. */
export const GROUP_GROUND = 1;
/** Dynamic vehicle chassis. */
export const GROUP_VEHICLE = 2;
/** Kinematic bodies (traffic, kinematic action spaces). */
export const GROUP_KINEMATIC = 4;
